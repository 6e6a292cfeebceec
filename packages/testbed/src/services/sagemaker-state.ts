import { AwsError } from '../aws-error.js';

/** SageMaker's resources as the simulated control plane keeps them (shapes as DescribeX returns them). */
export interface Tag {
  Key: string;
  Value: string;
}

export interface ModelRecord {
  ModelName: string;
  ModelArn: string;
  PrimaryContainer?: Record<string, unknown>;
  Containers?: Record<string, unknown>[];
  ExecutionRoleArn?: string;
  CreationTime: Date;
  EnableNetworkIsolation?: boolean;
}

export interface ProductionVariant {
  VariantName: string;
  ModelName?: string;
  InitialInstanceCount?: number;
  InstanceType?: string;
  InitialVariantWeight?: number;
  ServerlessConfig?: { MemorySizeInMB: number; MaxConcurrency: number; ProvisionedConcurrency?: number };
}

export interface EndpointConfigRecord {
  EndpointConfigName: string;
  EndpointConfigArn: string;
  ProductionVariants: ProductionVariant[];
  DataCaptureConfig?: Record<string, unknown>;
  CreationTime: Date;
  [extra: string]: unknown;
}

export interface VariantSummary {
  VariantName: string;
  CurrentWeight: number;
  DesiredWeight: number;
  CurrentInstanceCount?: number;
  DesiredInstanceCount?: number;
  DeployedImages: { SpecifiedImage: string; ResolvedImage: string; ResolutionTime: Date }[];
  CurrentServerlessConfig?: Record<string, unknown>;
  DesiredServerlessConfig?: Record<string, unknown>;
  VariantStatus?: { Status: string; StartTime: Date }[];
}

export type EndpointStatus =
  | 'OutOfService'
  | 'Creating'
  | 'Updating'
  | 'SystemUpdating'
  | 'RollingBack'
  | 'InService'
  | 'Deleting'
  | 'Failed'
  | 'UpdateRollbackFailed';

export interface EndpointRecord {
  EndpointName: string;
  EndpointArn: string;
  EndpointConfigName: string;
  EndpointStatus: EndpointStatus;
  FailureReason?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
  ProductionVariants?: VariantSummary[];
  DataCaptureConfig?: Record<string, unknown>;
  LastDeploymentConfig?: Record<string, unknown>;
  PendingDeploymentSummary?: Record<string, unknown>;
  /** The update in flight, cancelled on delete. */
  cancel?: () => void;
}

/** SageMaker's ARN form: arn:aws:sagemaker:<region>:<account>:<type>/<lower-cased name>. */
export const arn = (region: string, account: string, type: string, name: string): string =>
  `arn:aws:sagemaker:${region}:${account}:${type}/${name.toLowerCase()}`;

export class SageMakerState {
  readonly models = new Map<string, ModelRecord>();
  readonly configs = new Map<string, EndpointConfigRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  /** Tags by resource ARN. */
  readonly tags = new Map<string, Tag[]>();
  /** Images whose container fails its ping health check (set through the admin API). */
  readonly unhealthyImages = new Set<string>();

  /** SageMaker names are case-insensitive for uniqueness; lookups match case-insensitively too. */
  find<T>(map: Map<string, T>, name: string): T | undefined {
    const direct = map.get(name);
    if (direct) return direct;
    for (const [k, v] of map) if (k.toLowerCase() === name.toLowerCase()) return v;
    return undefined;
  }

  model(name: string, region: string, account: string): ModelRecord {
    const m = this.find(this.models, name);
    if (!m) throw new AwsError('ValidationException', `Could not find model "${arn(region, account, 'model', name)}".`);
    return m;
  }

  config(name: string, region: string, account: string): EndpointConfigRecord {
    const c = this.find(this.configs, name);
    if (!c)
      throw new AwsError(
        'ValidationException',
        `Could not find endpoint configuration "${arn(region, account, 'endpoint-config', name)}".`,
      );
    return c;
  }

  endpoint(name: string, region: string, account: string): EndpointRecord {
    const e = this.find(this.endpoints, name);
    if (!e) throw new AwsError('ValidationException', `Could not find endpoint "${arn(region, account, 'endpoint', name)}".`);
    return e;
  }

  /** Images the variants of a config run (for health checks and DeployedImages). */
  imagesOf(config: EndpointConfigRecord): Map<string, string> {
    const out = new Map<string, string>();
    for (const v of config.ProductionVariants) {
      const model = v.ModelName ? this.find(this.models, v.ModelName) : undefined;
      const image = (model?.PrimaryContainer?.Image as string | undefined) ?? (model?.Containers?.[0]?.Image as string | undefined) ?? '';
      out.set(v.VariantName, image);
    }
    return out;
  }
}
