aws ecr create-repository \
    --repository-name hydrous-backend \
    --image-scanning-configuration scanOnPush=true \
    --tags Key=Project,Value=HydrousBackend
