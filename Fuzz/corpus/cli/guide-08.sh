# Grupo de seguridad para el balanceador de carga
aws ec2 create-security-group --group-name hydrous-alb-sg --description "Security group for Hydrous ALB" --vpc-id vpc-0400da935e367fc88

# Permitir tráfico HTTP
aws ec2 authorize-security-group-ingress --group-id sg-0656c9b30db94ff8d --protocol tcp --port 80 --cidr 0.0.0.0/0

# Permitir tráfico HTTPS
aws ec2 authorize-security-group-ingress --group-id sg-0656c9b30db94ff8d --protocol tcp --port 443 --cidr 0.0.0.0/0

# Grupo de seguridad para el servicio ECS
aws ec2 create-security-group --group-name hydrous-ecs-sg --description "Security group for Hydrous ECS service" --vpc-id vpc-0400da935e367fc88

# Permitir tráfico desde el balanceador de carga al servicio ECS
aws ec2 authorize-security-group-ingress --group-id sg-0f1371d35dec3c8e7 --protocol tcp --port 8000 --source-group sg-0656c9b30db94ff8d
