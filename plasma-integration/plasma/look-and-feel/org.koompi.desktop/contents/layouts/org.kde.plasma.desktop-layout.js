// KOOMPI's default Plasma desktop: one bottom panel with the launcher, KOOMPI's
// apps pinned (Chat, Write, Present, Calculate, Classroom), the open windows,
// the input method and tray, and the clock. Run by Plasma's scripting engine
// when a new account first logs in (LookAndFeelPackage=org.koompi.desktop).
/* global desktopsForActivity, currentActivity, Panel, gridUnit */
var koompiApps = [
  'applications:org.koompi.Chat.desktop',
  'applications:org.koompi.Write.desktop',
  'applications:org.koompi.Present.desktop',
  'applications:org.koompi.Calculate.desktop',
  'applications:org.koompi.Classroom.desktop',
];

var desktops = desktopsForActivity(currentActivity());
for (var i = 0; i < desktops.length; i++) {
  desktops[i].wallpaperPlugin = 'org.kde.image';
}

var panel = new Panel();
panel.location = 'bottom';
panel.height = 2 * Math.floor((gridUnit * 2.5) / 2);

panel.addWidget('org.kde.plasma.kickoff');
var tasks = panel.addWidget('org.kde.plasma.icontasks');
tasks.currentConfigGroup = ['General'];
tasks.writeConfig('launchers', koompiApps);
panel.addWidget('org.kde.plasma.marginsseparator');
panel.addWidget('org.kde.plasma.systemtray');
panel.addWidget('org.kde.plasma.digitalclock');
panel.addWidget('org.kde.plasma.showdesktop');
