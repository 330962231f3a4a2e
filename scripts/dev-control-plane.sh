#!/usr/bin/env bash
# A standalone etcd + kube-apiserver in one container, for developing the
# other control-plane components outside the lab: their own API server, no
# interference with a running lab. Not used by the product or its tests.
#
#   scripts/dev-control-plane.sh start NAME PORT   -> API at http://127.0.0.1:PORT
#   scripts/dev-control-plane.sh stop NAME
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?start|stop} name=kubelab-dev-${2:?NAME}
case $action in
  start)
    port=${3:?PORT}
    image=$(docker images kubelab/lab --format '{{.Repository}}:{{.Tag}}' | head -1)
    [ -f dist/cluster/kube-apiserver.js ] || node scripts/build.mjs cluster
    docker rm -f "$name" >/dev/null 2>&1 || true
    docker run -d --name "$name" --label io.kubelab.dev=true -p "127.0.0.1:$port:6443" \
      -v "$PWD/dist/cluster:/opt/kubelab:ro" "$image" bash -c '
        etcd --data-dir /tmp/etcd --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 > /tmp/etcd.log 2>&1 &
        exec node /opt/kubelab/kube-apiserver.js --etcd-servers=http://127.0.0.1:2379 --secure-port=6443 --advertise-address=$(hostname -i)' >/dev/null
    for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
    echo "http://127.0.0.1:$port"
    ;;
  stop)
    docker rm -f "$name" >/dev/null
    ;;
esac
