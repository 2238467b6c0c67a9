aws ecs create-cluster \
    --cluster-name hydrous-cluster \
    --tags key=Project,value=HydrousBackend
