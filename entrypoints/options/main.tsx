import '../../components/ui.css';
import { render } from 'preact';
import { extensionOptionsApi } from '../../components/options/options-api';
import { OptionsApp } from '../../components/options/OptionsApp';
import { registryFocusTarget } from '../../lib/ui/registry-settings';

render(<OptionsApp api={extensionOptionsApi()} focus={registryFocusTarget(location.hash)} />, document.getElementById('app')!);
