aws elasticache create-cache-cluster \
    --cache-cluster-id hydrous-redis \
    --engine redis \
    --cache-node-type cache.t3.micro \
    --num-cache-nodes 1 \
    --port 6379 \
    --security-group-ids sg-0e9c31a4a958f802d \
    --tags Key=Project,Value=HydrousBackend
