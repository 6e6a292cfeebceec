// Preloaded into a measured process: reports its peak RSS (KiB) to the file named by BENCH_RSS_FILE at exit.
process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
