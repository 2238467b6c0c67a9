aws ecs list-services --cluster hydrous-cluster
