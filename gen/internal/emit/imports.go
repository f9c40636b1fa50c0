package emit

import "gen/gen/internal/naming"

// Import paths of the packages generated code uses. Every import of a
// generated file goes through jen.Qual with one of these (or with the path of
// a generated package from Options.ModulePath), so this list is the whole
// dependency surface of the output: the standard library, plus testify in
// generated tests.
const (
	pkgContext  = "context"
	pkgFmt      = "fmt"
	pkgHTTP     = "net/http"
	pkgHTTPTest = "net/http/httptest"
	pkgJSON     = "encoding/json"
	pkgStrings  = "strings"
	pkgTesting  = "testing"
	pkgTime     = "time"

	pkgAssert  = "github.com/stretchr/testify/assert"
	pkgRequire = "github.com/stretchr/testify/require"
)

// importNames are the package names of the paths above, so jennifer never
// needs to guess one and never writes an alias.
var importNames = map[string]string{
	pkgContext:  "context",
	pkgFmt:      "fmt",
	pkgHTTP:     "http",
	pkgHTTPTest: "httptest",
	pkgJSON:     "json",
	pkgStrings:  "strings",
	pkgTesting:  "testing",
	pkgTime:     "time",
	pkgAssert:   "assert",
	pkgRequire:  "require",
}

// runtimePkg is the folder and package name of the shared generated runtime,
// a copy of gen/internal/emit/odata.
const runtimePkg = naming.RuntimePackage
