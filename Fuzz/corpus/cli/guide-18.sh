# Primero, obtén el ID de la tarea
TASK_ID=$(aws ecs list-tasks --cluster hydrous-cluster --service-name hydrous-backend-service --query "taskArns[0]" --output text | awk -F/ '{print $NF}')

# Luego, obtén el flujo de logs
LOG_STREAM=$(aws ecs describe-tasks --cluster hydrous-cluster --tasks $TASK_ID --query "tasks[0].containers[0].logStreamPrefix" --output text)

# Finalmente, obtén los logs
aws logs get-log-events --log-group-name /ecs/hydrous-backend --log-stream-name $LOG_STREAM
