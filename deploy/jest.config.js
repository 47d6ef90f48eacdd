// Checks of the production reference (docker-compose.yml, the Dockerfiles, Prometheus and Grafana files) that run
// without Docker: Debian's docker-compose validates the file, the rest is read and compared with the code.
module.exports = { ...require('../jest.preset.js'), displayName: 'deploy', rootDir: __dirname, testTimeout: 60_000 };
