export const HELP = `
  One local endpoint for every LLM provider: Claude Code, Codex and any OpenAI or
  Anthropic SDK on any model, routed to the cheapest configured provider, with every
  token and dollar recorded.

  Usage
    $ ekai <command> [options]

  Commands
    serve             Start the gateway (proxy on :3001, web dashboard on :3000)
    stats             Usage and spend in the terminal
    models            The model catalog: providers, prices, which keys are set
    claude [args...]  Run Claude Code through the gateway (starts one if none runs);
                      --fast-model <name> sets its small/fast model
    codex [args...]   Run Codex through the gateway, the same way

  Options
    --port <n>            Gateway port (3001)                      EKAI_PORT
    --host <address>      Address to bind (127.0.0.1)              EKAI_HOST
    --dashboard-port <n>  Web dashboard port (3000)                EKAI_DASHBOARD_PORT
    --no-dashboard        Do not start the web dashboard           EKAI_DASHBOARD=false
    --no-tui              Plain log lines instead of the live view EKAI_TUI=false
    --config <file>       Config file (default: .ekairc* here)     EKAI_CONFIG
    --db <file|url>       Usage database (~/.ekai/usage.db)        EKAI_DB
                          or a postgres:// URL, shared by several gateways
    --json                stats, models: print JSON once and exit
    --since <range>       stats: 24h, 7d, 30d or an ISO date
    --provider <name>     models: only this provider's offers
    --workers <n>         serve: gateway processes sharing the port (1)  EKAI_WORKERS
    --help, --version

  Options go before claude/codex; everything after those commands is theirs.

  Examples
    $ ekai serve
    $ ekai models --provider anthropic
    $ ekai claude --model gpt-5
`;
