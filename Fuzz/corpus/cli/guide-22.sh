aws ecs describe-task-definition --task-definition hydrous-backend-task:1
