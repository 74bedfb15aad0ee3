import { App } from "cdktf";
import { Model } from "./config/model";
import { AccountStack } from "./stacks/account-stack";

export interface BuildOptions {
  /** Where synth writes; defaults to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out. */
  readonly outdir?: string;
}

/** One stack per account, added in name order. */
export function buildApp(model: Model, options: BuildOptions = {}): App {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const account of model.accounts) new AccountStack(app, account, model.backend);
  return app;
}
