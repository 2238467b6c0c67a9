aws ecs update-service --cluster hydrous-cluster --service hydrous-backend-service --desired-count 2
