#!/bin/sh
# deps.sh: install histop's missing build and test dependencies on Debian
# (and derivatives) when run as root; otherwise say what is missing.
set -e
pkgs="gcc make autoconf automake autopoint gettext pkg-config libncurses-dev
libsqlite3-dev libbsd-dev tmux sqlite3 python3"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "deps.sh: missing:$missing (install them with your package manager)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing:$missing; run as root, or: sudo apt-get install$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q $missing >/dev/null 2>&1 || {
	apt-get update -q >/dev/null
	apt-get install -y -q $missing
}
