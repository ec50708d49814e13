"""kafka-python (Debian python3-kafka) against the embedded broker: a two-member consumer group
splits two partitions, a producer writes keyed records with headers (and a gzip batch), the members
commit, and the committed offsets are read back. Prints one JSON line; the vitest suite asserts on it."""
import json
import sys
import threading
import time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
TOTAL = 110

admin = KafkaAdminClient(bootstrap_servers=bootstrap)
admin.create_topics([NewTopic(topic, num_partitions=2, replication_factor=1)])
admin.close()

lock = threading.Lock()
assigned = {}
seen = {}
results = {}
done = threading.Event()


def member(name):
    c = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group, auto_offset_reset='earliest',
                      enable_auto_commit=False, session_timeout_ms=10000, heartbeat_interval_ms=500)
    got = []
    deadline = time.time() + 60
    while time.time() < deadline and not done.is_set():
        for tp, recs in c.poll(timeout_ms=200).items():
            got.extend((tp.partition, r.offset, r.value.decode(), r.headers) for r in recs)
        with lock:
            assigned[name] = sorted(tp.partition for tp in c.assignment())
            seen[name] = len(got)
            if sum(seen.values()) >= TOTAL:
                done.set()
    c.commit()
    with lock:
        results[name] = {'records': got, 'assignment': sorted(tp.partition for tp in c.assignment())}
    # Stay in the group until both have committed, so no partition is handed over mid-test.
    while len(results) < 2 and time.time() < deadline:
        c.poll(timeout_ms=100)
    c.close()


threads = [threading.Thread(target=member, args=(n,)) for n in ('a', 'b')]
for t in threads:
    t.start()

deadline = time.time() + 40
while time.time() < deadline:
    with lock:
        if len(assigned) == 2 and all(len(a) == 1 for a in assigned.values()) and assigned['a'] != assigned['b']:
            break
    time.sleep(0.05)

producer = KafkaProducer(bootstrap_servers=bootstrap, acks='all')
api_version = producer.config['api_version']
metas = [producer.send(topic, key=b'k%d' % i, value=b'v%d' % i, partition=i % 2, headers=[('h', b'x')]).get(timeout=10)
         for i in range(100)]
gz = KafkaProducer(bootstrap_servers=bootstrap, compression_type='gzip')
metas += [gz.send(topic, value=b'gz%d' % i, partition=0).get(timeout=10) for i in range(10)]
producer.close()
gz.close()

for t in threads:
    t.join()

checker = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
committed = {p: checker.committed(TopicPartition(topic, p)) for p in (0, 1)}
checker.close()

print(json.dumps({
    'api_version': list(api_version),
    'offsets': [[m.partition, m.offset] for m in metas],
    'members': {k: {'assignment': v['assignment'], 'count': len(v['records']),
                    'partitions': sorted({r[0] for r in v['records']}),
                    'first': [[r[0], r[1], r[2], [[h[0], h[1].decode()] for h in (r[3] or [])]] for r in v['records'][:1]]}
                for k, v in results.items()},
    'committed': committed,
}))
