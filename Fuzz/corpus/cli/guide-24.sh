aws elasticache describe-cache-clusters
