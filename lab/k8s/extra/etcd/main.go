// etcd 3.5 for the lab cluster's etcd image: go.etcd.io/etcd/server/v3 cannot be installed with
// `go install …@v3.5.x` (its go.mod has replace directives), but as a dependency it builds (lab/k8s/build.sh).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
