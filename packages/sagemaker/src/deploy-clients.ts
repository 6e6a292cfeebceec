import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { awsClientConfig } from '@mlops-actions/aws';

/** The AWS clients a deployment talks to; injected so tests can hand in clients of their own. */
export interface DeployClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  readonly runtime: SageMakerRuntimeClient;
}

export function createDeployClients(region: string | undefined): DeployClients {
  const config = awsClientConfig(region);
  return {
    sagemaker: new SageMakerClient(config),
    cloudwatch: new CloudWatchClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    runtime: new SageMakerRuntimeClient(config),
  };
}
