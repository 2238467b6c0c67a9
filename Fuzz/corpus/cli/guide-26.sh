aws elbv2 describe-load-balancers --names hydrous-alb --query 'LoadBalancers[0].DNSName' --output text
