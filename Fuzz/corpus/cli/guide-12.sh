aws ecs create-service \
    --cluster hydrous-cluster \
    --service-name hydrous-backend-service \
    --task-definition hydrous-backend-task:1 \
    --desired-count 1 \
    --launch-type FARGATE \
    --platform-version LATEST \
    --network-configuration "awsvpcConfiguration={subnets=[subnet-042d8410ae7404748,subnet-06c22eefcb8d896e8],securityGroups=[sg-0f1371d35dec3c8e7],assignPublicIp=ENABLED}" \
    --load-balancers "targetGroupArn=arn:aws:elasticloadbalancing:us-east-1:882816896907:targetgroup/hydrous-tg/5157a5bc2b9a3ba1,containerName=hydrous-backend,containerPort=8000"
