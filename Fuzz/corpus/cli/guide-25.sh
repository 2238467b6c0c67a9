aws elbv2 describe-load-balancers
