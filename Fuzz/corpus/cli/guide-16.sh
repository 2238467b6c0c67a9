aws ecs describe-services --cluster hydrous-cluster --services hydrous-backend-service
