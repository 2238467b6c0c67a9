import Foundation

/// The guide's cost rows in English, in the guide's order.
public enum GuideRow {
    /// The database row.
    public static let rds = "RDS PostgreSQL"
    /// The cache row.
    public static let elastiCache = "ElastiCache Redis"
    /// The container row.
    public static let fargate = "ECS Fargate"
    /// The load balancer row.
    public static let loadBalancer = "Application Load Balancer"
    /// The catch-all row.
    public static let dataTransfer = "Data transfer and others"
    /// Every row in the guide's order.
    public static let all = [rds, elastiCache, fargate, loadBalancer, dataTransfer]
}

/// Labels of the rows the guide lacks (`guideRow: nil`).
public enum CostLabel {
    /// Public IPv4 addresses (ALB per AZ, tasks, NAT gateways).
    public static let publicIPv4 = "Public IPv4 addresses"
    /// CloudWatch Logs ingestion and storage.
    public static let logs = "CloudWatch Logs"
    /// ECR image storage.
    public static let ecr = "ECR storage"
    /// Secrets Manager secrets and API calls.
    public static let secrets = "Secrets Manager"
    /// NAT gateway hours and data.
    public static let nat = "NAT gateway"
    /// Interface VPC endpoints.
    public static let endpoints = "VPC endpoints"
}
