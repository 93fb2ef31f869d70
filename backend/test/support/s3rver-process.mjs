// s3rver in a process of its own, started with --openssl-legacy-provider: its ListObjectsV2
// continuation tokens are DES-encrypted, which OpenSSL 3 (Node ≥ 17) refuses otherwise.
// Messages: parent → {type:'hold'} (answered {type:'holding'}): the next bucket listing is made, then
// {type:'listed'} is sent and its answer waits for {type:'release'}; {type:'close'} stops the server.
import S3rver from 's3rver';

const { directory, bucket } = JSON.parse(process.argv[2]);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
let hold = false;
let release = null;
// s3rver is a Koa app whose middleware is composed when it starts listening, so this one wraps every request.
server.middleware.unshift(async (ctx, next) => {
  await next();
  if (hold && ctx.method === 'GET' && ctx.query['list-type'] === '2') {
    hold = false;
    await new Promise((resolve) => {
      release = resolve;
      process.send({ type: 'listed' });
    });
  }
});
process.on('message', async (message) => {
  if (message.type === 'hold') {
    hold = true;
    process.send({ type: 'holding' });
  } else if (message.type === 'release') {
    release?.();
  } else if (message.type === 'close') {
    await server.close();
    process.exit(0);
  }
});
const { port } = await server.run();
process.send({ type: 'ready', port });
