; Inno Setup 6 script: the Windows installer of NTM Desktop (Windows 10 or newer, 64-bit).
; Made by "py packaging\build.py --installer", which passes the version and the folders:
;   ISCC /DAppVersion=0.2.0 /DSourceDir=...\dist\ntm-desktop /DOutputDir=...\dist /DIconFile=...\build\ntm-desktop.ico ntm-desktop.iss
;
; - Installs for the current user without administrator rights, into %LOCALAPPDATA%\Programs\NTM Desktop.
; - A Start-menu entry (and a desktop icon if asked for).
; - Uninstalling removes the program only: the data folder (%LOCALAPPDATA%\ntm-desktop, with the data
;   file, its backups and the logs) is never touched, so a reinstall or a newer version finds the data.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (packaging\build.py does)
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\ntm-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif

[Setup]
; A fixed id: a newer version installs over the older one instead of beside it.
AppId={{5C8E4A0B-7B1E-4E5B-9E0A-3F2D6C1B8A47}
AppName=NTM Desktop
AppVersion={#AppVersion}
AppVerName=NTM Desktop {#AppVersion}
AppPublisher=NTM Desktop
DefaultDirName={autopf}\NTM Desktop
DefaultGroupName=NTM Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=ntm-desktop-{#AppVersion}-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\ntm-desktop.exe
UninstallDisplayName=NTM Desktop {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile={#SourceDir}\LICENSE.txt
CloseApplications=yes

[Languages]
; Inno Setup ships no Vietnamese messages: the wizard is in English, the app itself opens in Vietnamese.
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A newer version replaces the program's own files wholesale (never the data folder, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\NTM Desktop"; Filename: "{app}\ntm-desktop.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,NTM Desktop}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\NTM Desktop"; Filename: "{app}\ntm-desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\ntm-desktop.exe"; Description: "{cm:LaunchProgram,NTM Desktop}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: only what this installer put into {app} is removed.
