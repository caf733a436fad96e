// The app's screenshots (`--screenshot FILE`, tests): the shared helper.
export { saveScreenshot } from '@koompi/qt';
