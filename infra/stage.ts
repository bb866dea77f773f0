/** Per-stage settings. `stage` comes from CDK context (`-c stage=prod`); two stages can share an account. */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface StageSettings {
  stage: string;
  isProduction: boolean;
  removalPolicy: RemovalPolicy;
  logRetention: RetentionDays;
}

export const stageSettings = (stage: string): StageSettings => {
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`stage "${stage}" must be lowercase letters, digits and dashes, starting with a letter (max 20)`);
  }
  const isProduction = stage === 'prod';
  return {
    stage,
    isProduction,
    removalPolicy: isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: isProduction ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH,
  };
};
