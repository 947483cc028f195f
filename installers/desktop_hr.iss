; Inno Setup 6 script for desktop_hr (UTF-8 with BOM: Inno Setup needs the BOM to read the Chinese texts).
; Input: the PyInstaller folder dist\desktop_hr\. Normally compiled by installers\build.py, which passes the
; version (desktop_hr.__version__) and the folder; by hand, from the repository root:
;     iscc /DAppVersion=X.Y.Z installers\desktop_hr.iss   (X.Y.Z: desktop_hr.__version__)
; Output: dist\installer\desktop_hr-<version>-setup.exe (see installers\README.md).
;
; Installs for the current user (no administrator rights, %LOCALAPPDATA%\Programs\desktop_hr) or, when
; chosen on the first page (or /ALLUSERS on the command line), for all users (Program Files, asks for
; administrator rights). The uninstaller removes the program only: the HR data in %LOCALAPPDATA%\desktop_hr
; (database, backups, log) is never touched, and the uninstaller says so.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (installers\build.py does it from desktop_hr.__version__)
#endif
#define AppExeName "desktop_hr.exe"
#ifndef BundleDir
  #define BundleDir SourcePath + "..\dist\desktop_hr"
#endif
#define IconFile SourcePath + "..\resources\icons\desktop_hr.ico"

#if !FileExists(BundleDir + "\" + AppExeName)
  #error The program folder is missing (no desktop_hr.exe in BundleDir): build it first with python installers\build.py
#endif
; Simplified Chinese messages: shipped with recent Inno Setup 6 releases, an unofficial translation in older
; ones (installers\README.md says where to get it). Without them the setup is in English only.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define HaveChinese
#else
  #pragma warning "Languages\ChineseSimplified.isl not found in Inno Setup's folder: this setup will be in English only (see installers\README.md)"
#endif

[Setup]
; AppId identifies the program across versions (upgrades, uninstall): never change it.
AppId={{9ED62456-0909-42C2-9E53-138BAAE92757}
AppName=desktop_hr
AppVerName={cm:AppTitle} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=desktop_hr developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName=desktop_hr
; Per user by default (a clerk without administrator rights can install and update it); the first page
; offers "for all users" too, which asks for administrator rights. {autopf} follows the choice.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
DefaultDirName={autopf}\desktop_hr
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
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={cm:AppTitle}
; An update while the program runs: close it first (it saves and takes its exit backup on closing).
CloseApplications=yes
RestartApplications=no

[Languages]
; Setup picks the one matching Windows' language; the first one when none matches.
#ifdef HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppTitle=desktop_hr HR training and archive
english.DataKept=The HR data (database, backups, log) was kept in:%n%1%n%nDelete that folder yourself only if nobody needs the data any more.
#ifdef HaveChinese
chinesesimplified.AppTitle=desktop_hr 培训与人事档案
chinesesimplified.DataKept=人事数据（数据库、备份、日志）已保留在：%n%1%n%n只有在确定不再需要这些数据时，才手动删除该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

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

[Code]
// Nothing in [UninstallDelete]: the data folder (platformdirs' user_data_dir, %LOCALAPPDATA%\desktop_hr)
// is not the program's folder and stays. Say so, so nobody thinks the records went with the program.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  DataDir := ExpandConstant('{localappdata}\desktop_hr');
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) and DirExists(DataDir) then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
end;
