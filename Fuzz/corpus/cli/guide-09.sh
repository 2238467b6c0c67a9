aws elbv2 create-load-balancer \
    --name hydrous-alb \
    --subnets subnet-042d8410ae7404748 subnet-06c22eefcb8d896e8 \
    --security-groups sg-0656c9b30db94ff8d \
    --tags Key=Project,Value=HydrousBackend
