import { parseArgs } from 'node:util';

// Commands are imported when run: `pond wecom` needs only the callback crypto, and loading the whole
// core (database drivers, every module) would add seconds to each call.

const USAGE = `Usage: npx pond <command> [options]

Commands:
  start                 API + worker + console in one process (seeds the demo brand on an empty embedded database)
  worker                the worker role alone (needs DATABASE_URL: the embedded database is single-process)
  migrate               apply the committed database migrations and exit
  seed [--customers N] [--seed S]
                        create the demo brand (tenant "demo"); larger worlds for benchmarks
  sim [--days D] [--speed X] [--tenant T]
                        run the simulated WeCom world forward: D simulated days at X× real time (0 = as fast as possible)
  account set-password --tenant T --username U --password P
                        set a console password
  wecom verify-url|decrypt|encrypt --token T --aes-key K --receive-id R ...
                        check, decrypt or sign WeCom callbacks by hand (no database needed; "npx pond wecom" for options)

Environment: PORT, HOST, DATABASE_URL, POND_DATA_DIR, POND_SECRET, POND_LOG_LEVEL (see README).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  // Callback crypto by hand: needs no config, database or POND_SECRET, so it runs before loadConfig.
  if (command === 'wecom') return (await import('./commands/wecom.ts')).runWecomCommand(rest);
  const { ConfigError, loadConfig } = await import('@pond/core');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      speed: { type: 'string' },
      tenant: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const num = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new ConfigError(`--${name} must be a non-negative number (got "${value}")`);
    return n;
  };
  try {
    switch (command) {
      case 'start':
        return await (await import('./commands/start.ts')).runStart(config, { role: 'all' });
      case 'worker':
        return await (await import('./commands/start.ts')).runStart(config, { role: 'worker' });
      case 'migrate':
        return await (await import('./commands/migrate.ts')).runMigrate(config);
      case 'seed':
        return await (await import('./commands/seed.ts')).runSeed(config, {
          customers: Math.floor(num('customers', values.customers, config.POND_SEED_CUSTOMERS)),
          seed: Math.floor(num('seed', values.seed, 42)),
        });
      case 'sim':
        return await (await import('./commands/sim.ts')).runSim(config, {
          days: num('days', values.days, 1),
          speed: num('speed', values.speed, 1000),
          tenant: values.tenant,
        });
      case 'account':
        return await (await import('./commands/account.ts')).runAccountCommand(config, positionals[0], values);
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `start` and `worker` keep running (they resolve only on shutdown); the others exit.
process.exitCode = code;
