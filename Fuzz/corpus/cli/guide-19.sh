aws rds describe-db-instances --db-instance-identifier hydrous-db
