// Build the web page's vendored assets from the npm registry (`npm ci && npm run build`).
// Copies the pinned UMD bundles and the Natural Earth country outlines into static/vendor/, with their
// licences, so that the page works without network: no tile server, no CDN.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const modules = join(root, "node_modules");
const out = join(here, "static", "vendor");

// package -> files copied from it (paths inside the package)
const ASSETS = {
  "d3-array": ["dist/d3-array.min.js"],
  "d3-geo": ["dist/d3-geo.min.js"],
  "topojson-client": ["dist/topojson-client.min.js"],
  "world-atlas": ["countries-110m.json"],
};

mkdirSync(out, { recursive: true });
const licences = [];
const versions = {};
for (const [pkg, files] of Object.entries(ASSETS)) {
  const meta = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  versions[pkg] = meta.version;
  for (const file of files) {
    const name = file.split("/").pop();
    copyFileSync(join(modules, pkg, file), join(out, name));
  }
  const licence = readFileSync(join(modules, pkg, "LICENSE"), "utf8");
  licences.push(`== ${pkg} ${meta.version} (${meta.license})\n\n${licence.trim()}\n`);
}
writeFileSync(join(out, "LICENSES.txt"), licences.join("\n"));
writeFileSync(join(out, "versions.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`eventwire web assets: ${Object.keys(versions).length} packages -> ${out}`);
