aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin 882816896907.dkr.ecr.us-east-1.amazonaws.com
