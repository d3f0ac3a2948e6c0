-- CreateTable
CREATE TABLE "lead_api_requests" (
    "id" BIGSERIAL NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "conversion_id" UUID,
    "status" INTEGER NOT NULL,
    "answer" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_api_requests_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_api_requests_publisher_id_request_id_key" ON "lead_api_requests"("publisher_id", "request_id");

-- AddForeignKey
ALTER TABLE "lead_api_requests" ADD CONSTRAINT "lead_api_requests_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "publishers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A request id is the publisher's own printable token (the tracker checks it too).
ALTER TABLE "lead_api_requests" ADD CONSTRAINT "lead_api_requests_request_id_check"
    CHECK (char_length("request_id") BETWEEN 1 AND 200);
