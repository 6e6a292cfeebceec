import { ECRClient } from '@aws-sdk/client-ecr';
import { awsClientConfig } from '@mlops-actions/aws';
import { MlflowClient, trackingSettings } from '@mlops-actions/mlflow';
import { createDeployClients } from '@mlops-actions/sagemaker/deploy';
import type { PromoteClients } from './promote.js';

/** SageMaker, CloudWatch, Auto Scaling and runtime clients for the deployment, ECR for the retag, MLflow for the registry. */
export function createPromoteClients(
  region: string | undefined,
  trackingUri: string | undefined,
  mask: (secret: string) => void,
): PromoteClients {
  const mlflow = new MlflowClient(trackingSettings(trackingUri, process.env, mask));
  return { ...createDeployClients(region), ecr: new ECRClient(awsClientConfig(region)), mlflow };
}
