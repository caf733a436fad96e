/**
 * The router's vocabulary: for each concept, the words and phrases that say it
 * in English and Khmer. Data, not code: to teach the router a new way of
 * saying something, add it here (and a sentence to tests/intent/dev.jsonl).
 * Entries are normalised like input (normalize.ts) before use; spelling
 * mistakes are tolerated by fuzzy matching, so list real spellings only
 * (common Khmer variant spellings included).
 */
// prettier-ignore
export const CONCEPTS = {
  // ── actions ──
  install: ['install', 'installs', 'installing', 'reinstall', 'download', 'downloading', 'set up', 'setup', 'ដំឡើង', 'តំឡើង', 'អ៊ីនស្តល', 'អ៊ីនស្តល់', 'ទាញយក', 'ដោនឡូត', 'ដោនឡូដ', 'ដោនឡូដយក'],
  acquire: ['get', 'add', 'ចង់', 'ចង់លេង', 'ចង់ប្រើ', 'put', 'give me', 'i need', 'need', 'want', 'bring', 'grab', 'have', 'យក', 'ចង់បាន', 'ត្រូវការ', 'ដាក់', 'បន្ថែម', 'ដាក់បញ្ចូល', 'បញ្ចូល', 'មានបាន'],
  remove: ['remove', 'uninstall', 'delete', 'erase', 'get rid of', 'take off', 'take away', 'purge', 'wipe', 'clear', 'lup', 'លុប', 'លុបចោល', 'លុបចេញ', 'ដកចេញ', 'ដក', 'យកចេញ', 'អ៊ុនអ៊ីនស្តល', 'បំបាត់', 'កម្ចាត់'],
  find: ['search', 'search for', 'searching', 'look for', 'looking for', 'look up', 'find', 'finding', 'seek', 'locate', 'browse', 'ស្វែងរក', 'រក', 'ស្វែង', 'រកមើល'],
  where: ['where is', 'where are', 'where did', 'wheres', 'where', 'នៅឯណា', 'នៅណា', 'ឯណា', 'កន្លែងណា', 'ទុកនៅណា'],
  recommend: ['recommend', 'suggest', 'available', 'is available', 'មាន', 'show me', 'what are some', 'options for', 'any good', 'best', 'alternative', 'is there', 'are there', 'do you have', 'which', 'what apps', 'what app', 'ណែនាំ', 'ល្អបំផុត', 'ណាល្អ', 'អ្វីខ្លះ', 'ណាខ្លះ', 'មានទេ'],
  lost: ['lost', 'missing', 'cant find', 'cannot find', 'disappeared', 'បាត់', 'រកមិនឃើញ', 'រកអត់ឃើញ'],
  update: ['update', 'updates', 'updating', 'updated', 'upgrade', 'upgrades', 'upgrading', 'up to date', 'latest version', 'patch', 'patches', 'new version', 'ធ្វើបច្ចុប្បន្នភាព', 'បច្ចុប្បន្នភាព', 'អាប់ដេត', 'អាប់ដែត', 'អាប់ដេ', 'អាប់ដេស', 'ដំឡើងកំណែ', 'កំណែថ្មី', 'ទាន់សម័យ', 'ធ្វើឲ្យទាន់សម័យ', 'អាប់គ្រេដ'],
  create: ['create', 'make', 'take', 'new', 'save', 'capture', 'set a', 'do a', 'បង្កើត', 'ធ្វើ', 'ថត', 'រក្សាទុក', 'ទុក', 'ថតទុក'],
  list: ['list', 'show', 'see', 'view', 'display', 'how many', 'all my', 'existing', 'available', 'បង្ហាញ', 'មើល', 'បញ្ជី', 'ប៉ុន្មាន', 'អ្វីខ្លះ', 'ណាខ្លះ', 'ទាំងអស់', 'ដែលមាន', 'រាយ'],
  possessive: ['my', 'mine', 'our', 'your', 'របស់ខ្ញុំ', 'របស់យើង'],
  rollback: ['roll back', 'rollback', 'roll it back', 'roll that back', 'roll them back', 'the way it was', 'how it was', 'as it was', 'as before', 'like before', 'put it back', 'undo it', 'rolled back', 'revert', 'restore', 'undo', 'go back', 'goback', 'return to', 'put back', 'recover', 'reset to', 'back to', 'ត្រឡប់', 'ត្រលប់', 'ត្រឡប់ទៅ', 'ត្រឡប់ទៅវិញ', 'វិលត្រឡប់', 'វិលទៅវិញ', 'ស្តារ', 'ស្តារឡើងវិញ', 'ថយក្រោយ', 'ត្រឡប់ក្រោយ', 'រ៉ូលប៊ែក', 'ដូចមុនវិញ', 'ដូចដើមវិញ'],
  backup: ['backup', 'back up', 'back it up', 'back them up', 'backups', 'backed up', 'make a copy', 'copy', 'save a copy', 'duplicate', 'បម្រុងទុក', 'បម្រុង', 'ចម្លងទុក', 'ចម្លង', 'បេកអាប់', 'បែកអាប់', 'ថតចម្លង', 'រក្សាទុកច្បាប់ចម្លង'],
  share: ['share', 'send', 'show my screen', 'present my screen', 'បង្ហាញអេក្រង់', 'បញ្ចាំងអេក្រង់', 'distribute', 'hand out', 'give out', 'broadcast', 'push', 'deliver', 'give', 'send out', 'ចែក', 'ចែករំលែក', 'ចែកចាយ', 'ផ្ញើ', 'បញ្ជូន', 'ផ្សាយ', 'ឲ្យសិស្ស'],
  collect: ['collect', 'gather', 'get back', 'retrieve', 'pick up', 'receive', 'hand in', 'turn in', 'submit', 'take in', 'bring in', 'collection', 'submitted', 'handed in', 'turned in', 'sent in', 'submissions', 'ប្រមូល', 'ប្រមូលយក', 'ទទួល', 'ទទួលយក', 'ដាក់ស្នើ', 'ប្រគល់', 'យកមក', 'ប្រមូលមក', 'បញ្ជូនមក', 'ផ្ញើមក'],
  online: ['online', 'connected', 'present', 'who is in', 'who is here', 'who came', 'នរណាខ្លះមក', 'អ្នកណាខ្លះមក', 'logged in', 'signed in', 'here', 'here today', 'attendance', 'roll call', 'មកដល់', 'មករៀន', 'មកគ្រប់គ្នា', 'active', 'absent', 'offline', 'joined', 'អនឡាញ', 'អុនឡាញ', 'វត្តមាន', 'អវត្តមាន', 'កំពុងប្រើ', 'ចូលរួម', 'សកម្ម', 'ភ្ជាប់មក', 'ចូលមក', 'មានវត្តមាន', 'ភ្ជាប់', 'លើបណ្ដាញ'],
  lock: ['lock', 'locks', 'ចាក់សោរ', 'freeze', 'block', 'pause', 'disable', 'ចាក់សោ', 'បិទអេក្រង់', 'ផ្អាក', 'សោ', 'ឡុក'],
  unlock: ['unlock', 'unlocks', 'ដោះសោរ', 'បើកសោរ', 'unfreeze', 'unblock', 'release', 'let the students use', 'let them use', 'enable', 'ដោះសោ', 'បើកសោ', 'លែង', 'ដោះ', 'អាន់ឡុក'],
  open: ['open', 'launch', 'start', 'run', 'bring up', 'fire up', 'បើក', 'ចាប់ផ្តើម', 'បើកមើល', 'ដំណើរការ'],
  open_weak: ['use', 'load', 'go to', 'show', 'ចូល', 'ប្រើ', 'ចូលទៅ', 'រត់'],
  change: ['change', 'switch', 'set', 'use', 'make', 'turn', 'put', 'display in', 'show in', 'in', 'ប្តូរ', 'ផ្លាស់ប្តូរ', 'ដាក់', 'កំណត់', 'ប្រើ', 'ប្តូរទៅ', 'ជា'],
  // ── questions and help ──
  howto: ['how do', 'how to', 'how can i', 'how can we', 'how should', 'how does', 'how would', 'how will', 'how i', 'show me how', 'teach me', 'dont know how', 'steps to', 'way to', 'tutorial', 'guide', 'instructions', 'របៀប', 'ធ្វើម៉េច', 'ធ្វើដូចម្តេច', 'យ៉ាងម៉េច', 'យ៉ាងដូចម្តេច', 'ដោយរបៀបណា', 'ធ្វើយ៉ាងណា', 'យ៉ាងណា', 'បង្រៀន', 'ម៉េចដើម្បី', 'ដូចម្តេច', 'ម៉េចទៅ'],
  define_weak: ['what is', 'what are', 'whats', 'what does', 'what do', 'what was', 'tell me about'],
  define: ['meaning', 'mean', 'means', 'explain', 'who invented', 'what happened', 'difference between', 'ជាអ្វី', 'គឺជាអ្វី', 'អ្វីទៅ', 'មានន័យ', 'ន័យ', 'ពន្យល់', 'និយាយអំពី', 'ប្រាប់ពី', 'ប្រាប់អំពី', 'អ្វីជា', 'ជានរណា', 'នរណា', 'ខុសគ្នា'],
  when: ['when', 'when was', 'when did', 'what time', 'what date', 'ពេលណា', 'នៅពេលណា', 'ថ្ងៃណា', 'កាលណា', 'ម៉ោងប៉ុន្មាន'],
  recent: ['last', 'latest', 'previous', 'recent', 'yesterday', 'last week', 'earlier', 'old', 'older', 'ចុងក្រោយ', 'ម្សិលមិញ', 'ចាស់', 'ចាស់ៗ', 'សប្តាហ៍មុន'],
  back: ['back', 'មកវិញ'],
  why: ['why', 'how come', 'ហេតុអ្វី', 'ហេតុអី', 'ម៉េចក៏', 'មូលហេតុ', 'ហេតុ'],
  problem: ['not working', 'doesnt work', 'does not work', 'isnt working', 'broken', 'broke', 'wrong', 'slow', 'black', 'blank', 'went black', 'ខ្មៅ', 'ងងឹត', 'error', 'errors', 'crash', 'crashed', 'crashes', 'cant', 'cannot', 'wont', 'problem', 'problems', 'issue', 'stuck', 'hangs', 'freezes', 'frozen', 'no sound', 'bug', 'ខូច', 'មិនដំណើរការ', 'អត់ដំណើរការ', 'យឺត', 'គាំង', 'បញ្ហា', 'មិនអាច', 'អត់អាច', 'ជាប់គាំង', 'មិនដើរ', 'អត់ដើរ', 'មិនចេញ', 'អត់ចេញ', 'ដាច់', 'ខុស', 'ដោះស្រាយ', 'ជួសជុល', 'fix', 'repair', 'troubleshoot'],
  help: ['help', 'help me', 'assist', 'support', 'ជួយ', 'ជំនួយ', 'ជួយផង'],
  question: ['what', 'where', 'who', 'whom', 'how', 'which', 'do i have', 'do we have', 'is there any', 'are there any', 'have i', 'ណា', 'ណាមួយ', 'ប៉ុន្មាន', 'is it', 'can i', 'tell me', 'តើ', 'ឬទេ', 'ឬនៅ', 'ដែរឬទេ', 'អ្វី', 'ម៉េច', 'ឬអត់', 'មែនទេ', 'ទេ', 'ឬ'],
  how_much: ['how much', 'how many', 'how fast', 'how big', 'how full', 'level', 'percent', 'percentage', 'left', 'remaining', 'free', 'used', 'usage', 'status', 'ប៉ុន្មាន', 'នៅសល់', 'សល់', 'ទំនេរ', 'ភាគរយ', 'កម្រិត', 'ស្ថានភាព', 'ប្រើអស់', 'ពេញ'],
  out: ['off', 'out', 'away', 'out of', 'ចេញ', 'ចោល'],
  before: ['before', 'prior to', 'first', 'after', 'since', 'មុន', 'មុនពេល', 'មុននឹង', 'សិន', 'ក្រោយ', 'ក្រោយពេល', 'បន្ទាប់ពី', 'ក្រោយពី'],
  anymore: ['anymore', 'any more', 'no longer', 'ទៀតទេ', 'លែងប្រើ', 'លែងត្រូវការ'],
  indefinite: ['a', 'an'],
  negation: ['dont', 'do not', 'never', 'កុំ'],
  // ── things ──
  app_word: ['app', 'apps', 'application', 'applications', 'program', 'programs', 'programme', 'software', 'tool', 'tools', 'package', 'packages', 'something', 'កម្មវិធី', 'អាប់', 'អែប', 'ឧបករណ៍', 'សូហ្វវែរ', 'កញ្ចប់'],
  snapshot: ['snapshot', 'snapshots', 'snap shot', 'snapshoot', 'restore point', 'restore points', 'system snapshot', 'save the system', 'ថតប្រព័ន្ធ', 'ថតទុកប្រព័ន្ធ', 'រក្សាទុកប្រព័ន្ធ', 'ចំនុចស្តារ', 'ចំនុចស្តារប្រព័ន្ធ', 'checkpoint', 'checkpoints', 'save point', 'system backup', 'system image', 'system state', 'ចំណុចស្តារ', 'ចំណុចស្តារប្រព័ន្ធ', 'ស្ណាបស្សត', 'ស្ណាបសត', 'ស្នេបស្សត', 'ស្ន៉ាបស្សុត', 'ស្ណេបស្ហត', 'រូបថតប្រព័ន្ធ', 'ចំណុចបម្រុង', 'ចំណុចត្រឡប់', 'ស្ថានភាពប្រព័ន្ធ'],
  system: ['system', 'computer', 'pc', 'laptop', 'machine', 'device', 'koompi', 'everything', 'os', 'ប្រព័ន្ធ', 'កុំព្យូទ័រ', 'ម៉ាស៊ីន', 'កុំព្យូទ័រយួរដៃ', 'ឡាបថប', 'ឧបករណ៍'],
  file: ['file', 'files', 'document', 'documents', 'doc', 'docs', 'photo', 'photos', 'picture', 'pictures', 'image', 'images', 'folder', 'folders', 'essay', 'report', 'homework file', 'pdf', 'video file', 'song', 'songs', 'work', 'ឯកសារ', 'ហ្វាយ', 'ហ្វាល', 'រូបភាព', 'រូបថត', 'ថតឯកសារ', 'អត្ថបទ', 'របាយការណ៍', 'សៀវភៅ', 'ចម្រៀង'],
  students: ['who came', 'who is here', 'នរណាខ្លះមក', 'អ្នកណាខ្លះមក', 'student', 'students', 'class', 'classroom', 'pupils', 'kids', 'children', 'everyone', 'everybody', 'attendance', 'roll call', 'វត្តមាន', 'មកគ្រប់គ្នា', 'មករៀន', 'all students', 'learners', 'the class', 'whole class', 'who', 'each student', 'every student', 'their', 'them', 'សិស្ស', 'ថ្នាក់', 'ថ្នាក់រៀន', 'កូនសិស្ស', 'សិស្សានុសិស្ស', 'ទាំងអស់គ្នា', 'គ្រប់គ្នា', 'ក្មេងៗ', 'ក្មេង', 'អ្នកណា', 'នរណា', 'អ្នកណាខ្លះ', 'សិស្សណា', 'សិស្សណាខ្លះ', 'គ្រប់គ្នាទាំងអស់'],
  lesson: ['lesson', 'lessons', 'worksheet', 'worksheets', 'material', 'materials', 'handout', 'handouts', 'quiz', 'slides', 'exercise sheet', 'this file', 'my screen', 'មេរៀន', 'សន្លឹកកិច្ចការ', 'ឯកសារមេរៀន', 'សម្ភារៈ', 'វិញ្ញាសា', 'អេក្រង់ខ្ញុំ'],
  work: ['homework', 'homeworks', 'assignment', 'assignments', 'work', 'exercises', 'answers', 'answer sheets', 'exam', 'exams', 'test papers', 'papers', 'submissions', 'projects', 'កិច្ចការ', 'កិច្ចការផ្ទះ', 'លំហាត់', 'ចម្លើយ', 'ការងារ', 'កិច្ចការសាលា', 'កិច្ចការស្រាវជ្រាវ', 'ប្រឡង', 'គម្រោង'],
  screen: ['screen', 'screens', 'display', 'displays', 'computers', 'desktops', 'អេក្រង់', 'ម៉ូនីទ័រ', 'កុំព្យូទ័រសិស្ស'],
  language: ['language', 'languages', 'interface', 'ui', 'locale', 'ភាសា', 'ភាសាប្រព័ន្ធ'],
  lang_km: ['khmer', 'cambodian', 'kh', 'khmae', 'ខ្មែរ', 'ភាសាខ្មែរ'],
  lang_en: ['english', 'eng', 'អង់គ្លេស', 'អង់គ្លេះ', 'ភាសាអង់គ្លេស'],
  info: ['info', 'information', 'specs', 'specifications', 'details', 'about this computer', 'about my computer', 'system info', 'hardware', 'check', 'ព័ត៌មាន', 'លក្ខណៈ', 'ពិនិត្យ', 'ពិនិត្យមើល', 'ឆែក', 'ព័ត៌មានប្រព័ន្ធ', 'ផ្នែករឹង'],
  topic_memory: ['memory', 'ram', 'memory usage', 'មេម៉ូរី', 'អង្គចងចាំ', 'រ៉េម', 'រ៉ាម', 'ការចងចាំ', 'មេមូរី'],
  topic_disk: ['disk', 'disks', 'storage', 'disk space', 'space', 'hard drive', 'hard disk', 'ssd', 'hdd', 'drive', 'free space', 'ឌីស', 'ថាស', 'ទំហំផ្ទុក', 'កន្លែងផ្ទុក', 'ទំហំទំនេរ', 'កន្លែងទំនេរ', 'ឃ្លាំងផ្ទុក', 'ផ្ទុក', 'ហាដឌីស', 'ហាតឌីស', 'ទំហំ'],
  topic_battery: ['battery', 'batt', 'charge', 'charging', 'power level', 'battery life', 'ថ្ម', 'សាកថ្ម', 'ការសាក', 'ថាមពលថ្ម', 'ថ្មកុំព្យូទ័រ', 'បាតធឺរី'],
  topic_network: ['network', 'wifi', 'wi fi', 'wireless', 'internet', 'connection', 'ip', 'ip address', 'ethernet', 'signal', 'bandwidth', 'net', 'online', 'connected', 'បណ្តាញ', 'អ៊ីនធឺណិត', 'អ៊ីនធើណិត', 'អ៊ីនធឺណែត', 'អ៊ីនធើណែត', 'វ៉ាយហ្វាយ', 'វ៉ាយហ្វៃ', 'វ៉ៃហ្វៃ', 'ការតភ្ជាប់', 'ភ្ជាប់', 'សេវាអ៊ីនធឺណិត', 'ញ៉េត', 'សេវា'],
  topic_cpu: ['cpu', 'processor', 'processors', 'cores', 'chip', 'cpu usage', 'ស៊ីភីយូ', 'ខួរក្បាលកុំព្យូទ័រ', 'ខួរក្បាល', 'ឧបករណ៍ដំណើរការ', 'ប្រូសេស្ស័រ', 'ប្រូសេសស័រ'],
  topic_os: ['os', 'operating system', 'version', 'os version', 'kernel', 'koompi os', 'system version', 'linux', 'distro', 'ប្រព័ន្ធប្រតិបត្តិការ', 'កំណែ', 'ជំនាន់', 'លីនុច', 'វើសិន', 'កំណែប្រព័ន្ធ'],
  // ── folders for file.backup's path slot ──
  'folder:~/Documents': ['documents', 'document', 'docs', 'my documents', 'ឯកសារ', 'ឯកសាររបស់ខ្ញុំ'],
  'folder:~/Pictures': ['pictures', 'picture', 'photos', 'photo', 'images', 'image', 'រូបភាព', 'រូបថត'],
  'folder:~/Desktop': ['desktop', 'ផ្ទៃតុ'],
  'folder:~/Downloads': ['downloads', 'downloaded files', 'ឯកសារទាញយក', 'ថតទាញយក'],
  'folder:~/Music': ['music', 'songs', 'ចម្រៀង', 'តន្ត្រី'],
  'folder:~/Videos': ['videos', 'movies', 'វីដេអូ', 'ភាពយន្ត'],
  'folder:~': ['home', 'home folder', 'all my files', 'everything', 'my files', 'whole computer', 'all files', 'ឯកសារទាំងអស់', 'គ្រប់ឯកសារ'],
  // ── words that carry no command: politeness, pronouns, particles ──
  filler: [
    'please', 'pls', 'plz', 'plase', 'kindly', 'can', 'could', 'would', 'will', 'you', 'u', 'i', 'me', 'mine', 'we', 'our', 'us',
    'the', 'a', 'an', 'to', 'for', 'on', 'of', 'with', 'from', 'at', 'by', 'into', 'onto', 'it', 'its', 'this', 'that',
    'these', 'those', 'some', 'any', 'now', 'right now', 'just', 'wanna', 'like', 'id like', 'i would like', 'im', 'let',
    'lets', 'be', 'is', 'are', 'am', 'do', 'does', 'did', 'so', 'thanks', 'thank you', 'thank', 'hey', 'hi', 'hello', 'ok',
    'okay', 'yo', 'hmm', 'um', 'uh', 'again', 'also', 'too', 'up', 'all', 'every', 'quickly', 'asap', 'yeah', 'sir', 'teacher', 'there',
    'has', 'for me', 'for us', 'and', 'or', 'then', 'very', 'really', 'quick', 'maybe', 'bro', 'dear', 'gonna',
    'should', 'must', 'may', 'might', 'about', 'today', 'called', 'named', 'one', 'new', 'latest', 'here', 'back',
    'សូម', 'ជួយ', 'ផង', 'បាទ', 'ចាស', 'ចា', 'បង', 'អូន', 'ប្អូន', 'លោក', 'អ្នក', 'ខ្ញុំ', 'យើង', 'គាត់', 'ឲ្យ', 'ទៅ', 'មក',
    'នៅ', 'លើ', 'ក្នុង', 'ពី', 'របស់', 'នេះ', 'នោះ', 'មួយ', 'ដែល', 'និង', 'ហើយ', 'បន្តិច', 'ភ្លាម', 'ឥឡូវ', 'ឥឡូវនេះ',
    'បាន', 'នឹង', 'គឺ', 'ផ្សេង', 'ណាស់', 'ដែរ', 'វិញ', 'អាច', 'ត្រូវ', 'សម្រាប់', 'ដើម្បី', 'អរគុណ',
    'លោកគ្រូ', 'អ្នកគ្រូ', 'គ្រូ', 'ណា៎', 'ណា', 'នែ', 'អើ', 'ហ្នឹង', 'ហ្នឹងណា', 'ពេលនេះ', 'ឡើង', 'ផ្ទាល់', 'ទៀត', 'ម្តង', 'ម្តងទៀត',
    'នូវ', 'ចំពោះ', 'ជាមួយ', 'ពេល', 'ថ្មី', 'ផ្ទាល់ខ្លួន', 'ខ្លួន', 'ពួកគេ', 'គ្រប់', 'ឲ្យខ្ញុំ', 'មុខ', 'ទាំង',
  ],
} as const satisfies Record<string, readonly string[]>;

export type Concept = keyof typeof CONCEPTS;

/**
 * Everyday English words that are not commands. Typo correction never turns
 * one of them into a vocabulary word ("black" is not a misspelt "back").
 */
// prettier-ignore
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'black', 'white', 'blue', 'red', 'green', 'yellow', 'dark', 'light', 'big', 'small', 'good', 'bad', 'day', 'week',
  'month', 'year', 'time', 'name', 'word', 'words', 'school', 'book', 'books', 'phone', 'printer', 'mouse', 'keyboard',
  'sound', 'love', 'eat', 'eating', 'drink', 'food', 'rice', 'water', 'house', 'car', 'bike', 'road', 'money', 'study',
  'read', 'speak', 'talk', 'say', 'tell', 'ask', 'know', 'think', 'feel', 'happy', 'sad', 'tired', 'hungry', 'nice',
  'weather', 'rain', 'sun', 'hot', 'cold', 'tomorrow', 'morning', 'night', 'friend', 'family', 'mother', 'father',
  'brother', 'sister', 'dog', 'cat', 'bird', 'fish', 'tree', 'flower', 'football', 'soccer', 'market', 'went', 'came',
  'made', 'told', 'said', 'thing', 'things', 'people', 'person', 'place', 'today', 'tonight', 'later', 'soon', 'never',
  'always', 'sometimes', 'often', 'because', 'without', 'with', 'about', 'into', 'over', 'under', 'while', 'still',
]);
