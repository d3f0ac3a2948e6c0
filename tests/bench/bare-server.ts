// The yardstick: the least a node:http server can do for a click — answer 302 to a fixed URL.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 0);
const server = createServer((_req, res) => {
  res.writeHead(302, {
    location: "https://adv.example/lp?c=00000000-0000-7000-8000-000000000000",
    "content-length": 0,
  });
  res.end();
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
