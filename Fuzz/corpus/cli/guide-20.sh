aws elasticache describe-cache-clusters --cache-cluster-id hydrous-redis
