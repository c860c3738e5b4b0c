/* How long zlib takes to set up, run and free one raw-DEFLATE compression of a typical Alertmanager webhook body,
 * as PayloadEncoding.encode does once per ingest request: level 1, a window fitted to the body, and the memory
 * level given on the command line.
 *
 *   cc -O2 -o /tmp/zlib-level bench/zlib/level.c -lz
 *   for level in 8 7 4; do /tmp/zlib-level $level 10; done     # memory level, window bits
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s MEMORY-LEVEL WINDOW-BITS\n", argv[0]);
        return 2;
    }
    int memoryLevel = atoi(argv[1]);
    int windowBits = atoi(argv[2]);
    const char *body =
        "{\"receiver\":\"runbook\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{"
        "\"alertname\":\"DiskUsageWarning\",\"instance\":\"checkout-worker-3:9100\",\"job\":\"node\","
        "\"service\":\"checkout-worker\",\"severity\":\"warning\"},\"annotations\":{\"summary\":\"Disk usage "
        "above 90%\",\"description\":\"/dev/xvda1 on checkout-worker-3 is 93% full\"},\"startsAt\":"
        "\"2026-12-06T07:00:00Z\",\"fingerprint\":\"a1b2c3d4e5f60718\"}],\"groupLabels\":{\"alertname\":"
        "\"DiskUsageWarning\"},\"commonLabels\":{\"alertname\":\"DiskUsageWarning\"},\"version\":\"4\","
        "\"groupKey\":\"{}:{alertname=\\\"DiskUsageWarning\\\"}\"}";
    size_t size = strlen(body);
    unsigned char out[4096];
    const int rounds = 200000;
    unsigned long written = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int round = 0; round < rounds; round++) {
        z_stream stream;
        memset(&stream, 0, sizeof stream);
        if (deflateInit2(&stream, 1, Z_DEFLATED, -windowBits, memoryLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
            fprintf(stderr, "deflateInit2 refused memory level %d, window bits %d\n", memoryLevel, windowBits);
            return 1;
        }
        stream.next_in = (unsigned char *)body;
        stream.avail_in = (uInt)size;
        stream.next_out = out;
        stream.avail_out = sizeof out;
        if (deflate(&stream, Z_FINISH) != Z_STREAM_END) {
            fprintf(stderr, "deflate did not finish\n");
            return 1;
        }
        written = stream.total_out;
        deflateEnd(&stream);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double nanoseconds = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("memory level %d, window bits %d: %zu bytes in, %lu out, %.1f us a body\n", memoryLevel, windowBits, size,
           written, nanoseconds / rounds / 1000);
    return 0;
}
