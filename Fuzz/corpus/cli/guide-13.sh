   aws ecs update-service --cluster hydrous-cluster --service hydrous-backend-service --force-new-deployment
   