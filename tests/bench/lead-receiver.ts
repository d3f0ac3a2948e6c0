// The CRM of the lead-delivery pass: takes every lead POSTed (200, a small JSON answer) and counts
// them; GET /count answers how many it took (other GETs, the bench's health check, count nothing).
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 0);
let received = 0;
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/count") {
    res.writeHead(200, { "content-type": "text/plain" }).end(String(received));
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(200).end();
    return;
  }
  req.resume();
  req.on("end", () => {
    received += 1;
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"accepted"}');
  });
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
