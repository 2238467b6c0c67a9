aws rds describe-db-instances
