#!/bin/bash
# Every KubeLab host runs this under tini. It (re)applies the host's network
# setup — so `docker restart` of a host heals it — then starts and supervises
# the host's components, each as its own process with its real name.
set -u

role=${KUBELAB_ROLE:?} host=${KUBELAB_HOST:?}
bin=/opt/kubelab
logs=/var/log/kubelab
mkdir -p "$logs" /etc/kubernetes /run/sshd

say() { echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) host-init[$host]: $*" >> "$logs/host-init.log"; }

# --- network -----------------------------------------------------------------

host_ip_of() { # name -> address, from KUBELAB_HOSTS (name=ip,...)
  local pair
  for pair in ${KUBELAB_HOSTS//,/ }; do [ "${pair%%=*}" = "$1" ] && echo "${pair#*=}"; done
}

# kube-proxy rewrites tens of thousands of rules in one iptables-restore; the
# legacy backend does that twenty times faster than nft. Use it when this
# kernel has it (Docker's own rules in the nft tables keep working beside it).
choose_iptables() {
  if iptables-legacy -w -t nat -L -n >/dev/null 2>&1; then
    update-alternatives --quiet --set iptables /usr/sbin/iptables-legacy
    update-alternatives --quiet --set ip6tables /usr/sbin/ip6tables-legacy
  fi
}

setup_network() {
  # Every host's default route points at the host network's gateway address,
  # which nothing owns (the bridge has no address: the lab is sealed). Locally
  # sent packets to service addresses need a route before kube-proxy's DNAT
  # applies, as on a real node; nothing leaves the lab through it. Master's
  # extra access network (for the desktop's port) must not be its way out.
  local hostdev
  hostdev=$(ip -o -4 addr show | awk -v ip="$KUBELAB_HOST_IP/" 'index($4, ip) == 1 { print $2; exit }')
  [ -n "$hostdev" ] && ip route replace default via "${KUBELAB_HOSTS_GATEWAY:-10.100.0.1}" dev "$hostdev" 2>/dev/null

  if [ -n "${KUBELAB_POD_GATEWAY:-}" ]; then
    local prefix=${KUBELAB_POD_CIDR%.*} dev
    dev=$(ip -o -4 addr show | awk -v p="$prefix." 'index($4, p) == 1 { print $2; exit }')
    # After a restart of the container Docker hands out .254 again; after a
    # restart of host-init alone the gateway is already there.
    if [ -n "$dev" ]; then
      # Pods' default route is the pod network's gateway: this node owns it, so
      # pod traffic enters this node, where kube-proxy's rules apply.
      # (Dropping the address Docker gave first: removing a primary address
      # would take the secondary gateway address with it.)
      ip addr del "$prefix.254/24" dev "$dev" 2>/dev/null
      ip addr replace "$KUBELAB_POD_GATEWAY/24" dev "$dev"
    else
      say "no interface on $KUBELAB_POD_CIDR"
    fi
    local route
    for route in ${KUBELAB_NODE_ROUTES//,/ }; do
      ip route replace "${route%%=*}" via "${route#*=}"
    done

    # The lab's own NAT needs, kept apart from what kube-proxy writes.
    iptables -w -t nat -N KUBELAB-POSTROUTING 2>/dev/null
    iptables -w -t nat -F KUBELAB-POSTROUTING
    iptables -w -t nat -A KUBELAB-POSTROUTING -s "$KUBELAB_POD_CIDR" -d "$KUBELAB_POD_CIDR" -m conntrack --ctstate DNAT \
      -m comment --comment "kubelab: same-node pod to service to pod, replies come back through this node" -j MASQUERADE
    iptables -w -t nat -A KUBELAB-POSTROUTING -s "$KUBELAB_CLUSTER_CIDR" ! -d "$KUBELAB_CLUSTER_CIDR" \
      -m comment --comment "kubelab: pod traffic leaving the pod network, as ip-masq-agent" -j MASQUERADE
    iptables -w -t nat -C POSTROUTING -m comment --comment "kubelab lab networking" -j KUBELAB-POSTROUTING 2>/dev/null ||
      iptables -w -t nat -A POSTROUTING -m comment --comment "kubelab lab networking" -j KUBELAB-POSTROUTING
  fi

  if [ "$role" = control-plane ]; then
    # Only cluster nodes reach the API server; the station and the cloud are outside.
    local master node1 node2
    master=$(host_ip_of master) node1=$(host_ip_of node1) node2=$(host_ip_of node2)
    iptables -w -N KUBELAB-INPUT 2>/dev/null
    iptables -w -F KUBELAB-INPUT
    iptables -w -A KUBELAB-INPUT -s "$master,$node1,$node2" -j RETURN
    iptables -w -A KUBELAB-INPUT -s "${KUBELAB_HOSTS_SUBNET:-10.100.0.0/24}" -p tcp --dport 6443 \
      -m comment --comment "kubelab: the API server is for cluster nodes" -j REJECT --reject-with tcp-reset
    iptables -w -C INPUT -j KUBELAB-INPUT 2>/dev/null || iptables -w -I INPUT -j KUBELAB-INPUT
  fi
}

# --- configuration files -----------------------------------------------------

write_kubeconfig() { # file user
  cat > "$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- cluster:
    server: ${KUBELAB_API_SERVER}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: $2
  name: $2@kubernetes
current-context: $2@kubernetes
preferences: {}
users:
- name: $2
  user: {}
KUBECONFIG
}

setup_files() {
  case $role in
    control-plane)
      write_kubeconfig /etc/kubernetes/admin.conf kubernetes-admin
      write_kubeconfig /etc/kubernetes/controller-manager.conf system:kube-controller-manager
      write_kubeconfig /etc/kubernetes/scheduler.conf system:kube-scheduler
      mkdir -p /root/.kube
      [ -f /root/.kube/config ] || cp /etc/kubernetes/admin.conf /root/.kube/config
      ;;
  esac
  if [ -n "${KUBELAB_POD_CIDR:-}" ]; then
    write_kubeconfig /etc/kubernetes/kubelet.conf "system:node:$host"
    mkdir -p /var/lib/kube-proxy /var/lib/kubelet
    write_kubeconfig /var/lib/kube-proxy/kubeconfig.conf system:kube-proxy
  fi
}

# --- the cloud: an external web site, the world's DNS, load balancers --------

CLOUD_SITE=${KUBELAB_CLOUD_SITE:-web.cloud.test}

start_cloud() {
  local ip=$1 pair hosts=()
  mkdir -p /var/www/cloud /etc/kubelab
  cat > /var/www/cloud/index.html <<HTML
<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>$CLOUD_SITE</title></head>
<body>
<h1>$CLOUD_SITE</h1>
<p>클러스터 바깥, 클라우드에 있는 웹 사이트입니다.</p>
<p>A web site outside the cluster, in the cloud.</p>
</body>
</html>
HTML
  cat > /etc/kubelab/cloud-nginx.conf <<NGINX
worker_processes 1;
error_log stderr notice;
pid /run/cloud-nginx.pid;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log /dev/stdout;
    server {
        listen $ip:80;
        server_name $CLOUD_SITE;
        root /var/www/cloud;
        charset utf-8;
    }
}
NGINX
  supervise nginx nginx -c /etc/kubelab/cloud-nginx.conf -g 'daemon off;'
  # The outside world's DNS: the external site and the lab's hosts by name;
  # every other name does not exist (the lab has no internet).
  for pair in ${KUBELAB_HOSTS//,/ }; do hosts+=(--host-record="${pair%%=*},${pair#*=}"); done
  supervise dnsmasq dnsmasq --keep-in-foreground --no-resolv --no-hosts --bind-interfaces \
    --listen-address="$ip" --host-record="$CLOUD_SITE,$ip" "${hosts[@]}" --local="/#/" --log-facility=- --log-queries
  # The load-balancer agent answers the service controller: with Kubernetes off it has no one to serve.
  [ "${KUBELAB_KUBERNETES:-on}" = off ] || node_component kubelab-cloud --listen="$ip:8080" --lb-range="$KUBELAB_LB_RANGE"
}

# --- supervision -------------------------------------------------------------

# supervise NAME COMMAND...: run COMMAND with argv[0] NAME, restart it when it
# exits, log to /var/log/kubelab/NAME.log (kept under 10 MB).
supervise() {
  local name=$1
  shift
  (
    trap 'kill $child 2>/dev/null; exit 0' TERM
    while :; do
      local log="$logs/$name.log"
      [ -f "$log" ] && [ "$(stat -c %s "$log")" -gt 10485760 ] && mv -f "$log" "$log.1"
      if [ "${1##*/}" = "$name" ]; then
        "$@" >> "$log" 2>&1 &   # argv[0] already names it (sshd needs its absolute path there)
      else
        exec -a "$name" "$@" >> "$log" 2>&1 &
      fi
      child=$!
      echo "$child" > "/run/kubelab-$name.pid"
      wait "$child"
      code=$?
      say "$name exited with status $code; restarting"
      sleep 1
    done
  ) &
}

node_component() { # NAME [FLAGS...]: a bundled TypeScript component, if this build has it
  local name=$1
  shift
  [ -f "$bin/$name.js" ] || { say "no bundle for $name"; return; }
  # Run Node.js through a link named after the component: the kernel takes the
  # process name (ps, pgrep, netstat -p) from it, as for the real binaries.
  mkdir -p "$bin/names"
  ln -sfn /usr/bin/node "$bin/names/$name"
  NODE_OPTIONS="--max-old-space-size=96 --max-semi-space-size=1" supervise "$name" "$bin/names/$name" "$bin/$name.js" "$@"
}

start_components() {
  local ip=$KUBELAB_HOST_IP
  # The hosts alone (benchmarks of the foundation): no etcd, no Kubernetes component, no load-balancer agent.
  if [ "${KUBELAB_KUBERNETES:-on}" = off ]; then
    [ "$role" = cloud ] && start_cloud "$ip"
    [ "$role" != cloud ] && supervise sshd /usr/sbin/sshd -D -e
    return 0
  fi
  case $role in
    control-plane)
      supervise etcd etcd --name "$host" --data-dir /var/lib/etcd \
        --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
        --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
        --initial-cluster "$host=http://127.0.0.1:2380" \
        --auto-compaction-mode=revision --auto-compaction-retention=10000 --snapshot-count=10000 \
        --quota-backend-bytes=1073741824
      node_component kube-apiserver --advertise-address="$ip" --secure-port=6443 \
        --etcd-servers=http://127.0.0.1:2379 --service-cluster-ip-range="$KUBELAB_SERVICE_CIDR" \
        --service-node-port-range=30000-32767
      node_component kube-controller-manager --kubeconfig=/etc/kubernetes/controller-manager.conf \
        --cluster-cidr="$KUBELAB_CLUSTER_CIDR" --service-cluster-ip-range="$KUBELAB_SERVICE_CIDR" \
        --cloud-provider-endpoint="http://$(host_ip_of cloud):8080"
      node_component kube-scheduler --kubeconfig=/etc/kubernetes/scheduler.conf
      ;;
  esac
  if [ -n "${KUBELAB_POD_CIDR:-}" ]; then
    node_component kubelet --kubeconfig=/etc/kubernetes/kubelet.conf --hostname-override="$host" \
      --node-ip="$ip" --pod-cidr="$KUBELAB_POD_CIDR" --pod-network="$KUBELAB_POD_NETWORK" \
      --cluster-dns="$KUBELAB_DNS_IP" --cluster-domain="$KUBELAB_CLUSTER_DOMAIN" \
      --container-runtime-endpoint=unix:///var/run/docker.sock
    node_component kube-proxy --kubeconfig=/var/lib/kube-proxy/kubeconfig.conf --hostname-override="$host" \
      --cluster-cidr="$KUBELAB_CLUSTER_CIDR" --proxy-mode=iptables
  fi
  if [ "$role" = cloud ]; then
    start_cloud "$ip"
  fi
  if [ "$role" != cloud ]; then
    supervise sshd /usr/sbin/sshd -D -e
  fi
}

shutdown() {
  say "stopping"
  kill $(jobs -p) 2>/dev/null
  wait
  exit 0
}
trap shutdown TERM INT

say "starting as $role"
choose_iptables
setup_network
setup_files
start_components
touch /run/kubelab-ready
say "ready"
# Stay up (as PID 1's child) whether or not this host has components to watch.
sleep infinity &
wait
