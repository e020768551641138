#!/usr/bin/env bash
# ./test renders the generated demo draft (.docx) as PDF with LibreOffice, beside the screenshots. Installs Debian's
# headless Writer when missing.
set -euo pipefail
if command -v soffice >/dev/null; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's LibreOffice Writer (headless) to render the generated draft as PDF ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-dejavu-core >/dev/null
else
  echo "The draft rendering needs LibreOffice: install Debian's 'libreoffice-writer-nogui' package (sudo apt-get install libreoffice-writer-nogui)." >&2
  exit 1
fi
