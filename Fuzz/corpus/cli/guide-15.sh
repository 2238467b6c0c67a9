# Primero, actualiza el archivo task-definition.json con los nuevos valores de CPU y memoria
# Luego, registra la nueva definición de tarea
aws ecs register-task-definition --cli-input-json file://task-definition.json

# Finalmente, actualiza el servicio para usar la nueva definición de tarea
aws ecs update-service --cluster hydrous-cluster --service hydrous-backend-service --task-definition hydrous-backend-task:2
