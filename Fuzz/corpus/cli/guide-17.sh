aws ecs list-tasks --cluster hydrous-cluster --service-name hydrous-backend-service
