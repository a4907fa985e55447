#!/bin/sh
# Adds NTM Desktop to the desktop's application menu (for this user only; nothing outside ~/.local).
# Run it again after moving this folder; remove with: rm ~/.local/share/applications/ntm-desktop.desktop
set -e
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
cat > "$apps/ntm-desktop.desktop" <<ENTRY
[Desktop Entry]
Type=Application
Name=NTM Desktop
Comment=Ghi chép Chương trình xây dựng nông thôn mới
Exec="$here/ntm-desktop"
Icon=$here/_internal/ntm_desktop/resources/icons/app.svg
Terminal=false
Categories=Office;
ENTRY
echo "Đã thêm NTM Desktop vào menu ứng dụng: $apps/ntm-desktop.desktop"
