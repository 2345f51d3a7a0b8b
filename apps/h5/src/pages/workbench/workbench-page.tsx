// The guide workbench (导购工作台): a mobile page for the WeCom sidebar and plain browsers.
export const WorkbenchPage = () => <main className="page">导购工作台</main>;
