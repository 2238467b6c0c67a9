aws logs create-log-group --log-group-name /ecs/hydrous-backend --tags Project=HydrousBackend
