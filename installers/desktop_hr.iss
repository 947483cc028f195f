; Inno Setup script for desktop_hr (UTF-8 with BOM: Inno Setup needs the BOM to read the Chinese texts): per-user install (no administrator rights), Chinese and English.
; Input: the PyInstaller folder dist\desktop_hr\ (see installers\README.md). Compile from the repository root:
;     iscc /DAppVersion=0.1.0 installers\desktop_hr.iss
; Output: dist\installer\desktop_hr-<version>-setup.exe
; The uninstaller removes the program only: the database and logs in %LOCALAPPDATA%\desktop_hr stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExeName "desktop_hr.exe"
#define BundleDir SourcePath + "..\dist\desktop_hr"

#if !FileExists(BundleDir + "\" + AppExeName)
  #error dist\desktop_hr\desktop_hr.exe not found: build it first with pyinstaller --noconfirm installers\desktop_hr.spec
#endif
#if !FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #error Languages\ChineseSimplified.isl is missing from Inno Setup: get it from https://jrsoftware.org/files/istrans/ (see installers\README.md)
#endif

[Setup]
; AppId identifies the program across versions (upgrades, uninstall): never change it.
AppId={{9ED62456-0909-42C2-9E53-138BAAE92757}
AppName=desktop_hr
AppVerName={cm:AppTitle} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=desktop_hr developers
VersionInfoVersion={#AppVersion}
; Per user, into %LOCALAPPDATA%\Programs: a clerk without administrator rights can install and update it.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\desktop_hr
DisableDirPage=auto
DefaultGroupName={cm:AppTitle}
DisableProgramGroupPage=yes
; Qt 6 needs Windows 10 1809 (build 17763) or later, 64-bit.
MinVersion=10.0.17763
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#SourcePath}..\dist\installer
OutputBaseFilename=desktop_hr-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={cm:AppTitle}
CloseApplications=yes
#if FileExists(SourcePath + "..\resources\icons\desktop_hr.ico")
SetupIconFile={#SourcePath}..\resources\icons\desktop_hr.ico
#endif

[Languages]
; The first entry is the default when Windows' language matches neither.
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppTitle=desktop_hr 培训与人事档案
english.AppTitle=desktop_hr HR training and archive

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so no library of the previous version lingers beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent
