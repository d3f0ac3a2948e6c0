// How every Leadrail process (tracker, click writer, API) reads its configuration: one zod model per
// concern, each parsed on its own so that a bad deployment sees every problem in one go instead of
// fixing them one restart at a time, and the settings the processes share defined once, here, so that
// the same variable means the same thing (and has the same default) everywhere.
import { z } from "zod";

export type EnvironmentSource = Record<string, string | undefined>;

/** Every configuration problem found, one `NAME message` each. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    // One line: it is what an operator sees when the process refuses to start (exitOnBadEnvironment).
    super(`invalid configuration: ${problems.join("; ")}`);
    this.name = "EnvironmentError";
  }
}

// An exported-but-empty variable (`FOO=` in a compose file) means "use the default", not "invalid".
export const emptyAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema);

/** A field-level message for a required value: "is required" when absent, `must be <what>` otherwise. */
export const required = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? "is required" : `must be ${what}`;

// No default URLs, in every process: one that silently connects to localhost in production loses
// clicks, conversions and sessions, or serves another deployment's data. `pnpm start` (scripts/apps.ts)
// and the tests always pass both; `pnpm start` alone has defaults, because it finds or starts the
// local services itself.
export const postgresModel = z.object({
  DATABASE_URL: emptyAsUnset(z.url({ protocol: /^postgres(ql)?$/, error: required("a postgresql:// URL") })),
});
export const redisModel = z.object({
  REDIS_URL: emptyAsUnset(z.url({ protocol: /^rediss?$/, error: required("a redis:// or rediss:// URL") })),
  // Lets several deployments share one Redis; every process of one deployment must agree on it.
  REDIS_KEY_PREFIX: z.string().default(""),
});

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const nodeEnvs = ["development", "test", "production"] as const;

/** Settings every process reads the same way; spread into a process's server model. */
export const sharedServerFields = {
  HOST: emptyAsUnset(z.string().default("0.0.0.0")),
  LOG_LEVEL: emptyAsUnset(z.enum(logLevels).default("info")),
  NODE_ENV: emptyAsUnset(z.enum(nodeEnvs).default("development")),
  // How many reverse proxies (load balancer, CDN) stand in front of the process: the client address is
  // then read from X-Forwarded-For, counting from the right, because entries further left are whatever
  // the client chose to send. 0 trusts nobody.
  TRUST_PROXY: emptyAsUnset(z.coerce.number().int().min(0).max(10).default(0)),
};

/** A TCP port setting; `min` 0 lets tests ask for an ephemeral port. */
export const portField = (fallback: number, min = 1) =>
  emptyAsUnset(z.coerce.number().int().min(min).max(65535).default(fallback));

// Zod's own messages ("Too big: expected number to be <=65535") read as type errors; these read as
// what the operator must change. Messages a field sets itself win over these (zod's precedence).
function operatorMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "int") return "must be a whole number";
      if (issue.expected === "number") return "must be a number";
      return undefined;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}`;
    case "too_small":
      if (issue.origin === "string") return `must be at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return issue.format === "url" ? "must be a URL" : undefined;
    default:
      return undefined;
  }
}

type Models = Record<string, z.ZodType>;
type Parsed<M extends Models> = { [K in keyof M]: z.output<M[K]> };

/**
 * Parses `source` with every model and returns each concern's values, or throws one EnvironmentError
 * listing every problem in every model. `crossChecks` returns problems that span settings (a secret
 * production must set); it sees the concerns that parsed (a failed one is absent), so its problems are
 * reported together with the models' own.
 */
export function parseEnvironment<M extends Models>(
  source: EnvironmentSource,
  models: M,
  crossChecks: (parsed: Partial<Parsed<M>>) => string[] = () => [],
): Parsed<M> {
  const problems: string[] = [];
  const parsed: Partial<Parsed<M>> = {};
  for (const [name, model] of Object.entries(models) as [keyof M, z.ZodType][]) {
    const result = model.safeParse(source, { error: operatorMessage });
    if (result.success) parsed[name] = result.data as z.output<M[typeof name]>;
    else problems.push(...result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  problems.push(...crossChecks(parsed));
  // A model that failed always left an issue above: no problems means every concern parsed.
  if (problems.length > 0) throw new EnvironmentError(problems);
  return parsed as Parsed<M>;
}

/**
 * Loads a process's environment, or exits it with code 1 and ONE line on stderr
 * (`api: invalid configuration: DATABASE_URL is required; API_PORT must be at most 65535`): the same
 * for every process, and nothing else printed, so a supervisor's log shows the reason at once.
 */
export function environmentOrExit<T>(service: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}
